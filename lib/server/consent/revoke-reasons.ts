/** Why a connection ended when the same person connected the same app again (approve-connection.ts). */
export const CONNECTED_AGAIN = 'connected-again';
