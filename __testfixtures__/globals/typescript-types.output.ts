interface CartItem {
  sku: string;
  quantity: number;
}

let total: number = 0;

function addToTotal(quantity: number): void {
  total += quantity;
}

export const handler = async (event: { items: CartItem[] }): Promise<{ lines: number; total: number }> => {
  total = 0;
  const cart: CartItem[] = [];
  for (const item of event.items) {
    cart.push(item);
    addToTotal(item.quantity);
  }
  return { lines: cart.length, total };
};
