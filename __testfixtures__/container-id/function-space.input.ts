interface OrderEvent {
  id: string;
}

export async function handler (event: OrderEvent): Promise<{ id: string }> {
  return { id: event.id };
}

export const refund = async function (event: OrderEvent) {
  return { refunded: event.id };
};
