/** Payloads from knot-api.md §5.4 and helpers shared by the webhook tests. */

export const SECRET = 'test_secret';

export const authenticated = {
  event: 'AUTHENTICATED',
  session_id: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e584',
  task_id: 25605,
  external_user_id: '3dcbb19a-b2f1-4a7b-8792-d76027b627b3',
  merchant: { id: 10, name: 'Uber' },
  data: {
    card_id: '123456789',
    send_card: true,
    entrypoint: 'onboarding',
    metadata: { reference_token: 'abc123', trace_id: 'def456' },
  },
  timestamp: 1710864923198,
};

export const newTransactions = {
  event: 'NEW_TRANSACTIONS_AVAILABLE',
  external_user_id: '123abc',
  merchant: { id: 36, name: 'Uber Eats' },
  timestamp: 1710864923198,
};

export const updatedTransactions = {
  event: 'UPDATED_TRANSACTIONS_AVAILABLE',
  external_user_id: '123abc',
  merchant: { id: 36, name: 'Uber Eats' },
  updated: [{ id: '13da3c28-a068-4642-9ce2-b730cfda5f5f' }],
  timestamp: 1710864923198,
};

export const accountLoginRequired = {
  event: 'ACCOUNT_LOGIN_REQUIRED',
  external_user_id: '3dcbb19a-b2f1-4a7b-8792-d76027b627b3',
  merchant: {
    id: 36,
    name: 'Uber Eats',
    logo: 'https://knot.imgix.net/merchants/KBQ5j6cN010PPpwbO7RpKGyDrCpsZ91FRhwnZp5u.png?auto=format&w=240',
  },
  timestamp: 1710864923198,
};

export const merchantStatusUpdate = {
  event: 'MERCHANT_STATUS_UPDATE',
  merchant: { id: 10, name: 'Uber', category: 'Transportation', logo: 'https://knot.imgix.net/merchants/x.png?auto=format&w=240' },
  data: { type: 'card_switcher', status: 'UP', platform: 'ios', sdk: '1.0.0' },
  timestamp: 1710864923198,
};

export function loginStep(event: string) {
  return {
    event,
    session_id: 'fb5aa994-ed1c-4c3e-b29a-b2a53222e584',
    task_id: 25605,
    external_user_id: 'user-1',
    merchant: { id: 10, name: 'Uber' },
    data: { card_id: null, metadata: {} },
    timestamp: 1710864923198,
  };
}

export const LOGIN_STEP_EVENTS = [
  'CREDENTIALS_FAILED',
  'OTP_REQUIRED',
  'OTP_FAILED',
  'QUESTIONS_REQUIRED',
  'QUESTIONS_FAILED',
  'LOGIN_APPROVAL',
  'LICENSE_REQUIRED',
  'LICENSE_FAILED',
] as const;

/** Resolves after `ms`, or rejects: keeps waits in tests bounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
