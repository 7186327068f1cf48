import type { ConfirmRefusal } from './confirm-verification-code';
import { AppError } from '@/lib/server/errors/app-error';

const MESSAGE_KEYS: Record<ConfirmRefusal, string> = { wrong: 'codeWrong', expired: 'codeExpired', 'too-many-tries': 'codeTooManyTries', 'no-code': 'codeNone' };

/** The "Confirm code" field's error for a refused code: its message key, with the tries left. */
export function codeRefusalError(refusal: { reason: ConfirmRefusal; attemptsLeft?: number }): AppError {
  return new AppError(refusal.reason, MESSAGE_KEYS[refusal.reason], 'code', { attemptsLeft: refusal.attemptsLeft ?? 0 });
}

/** Whether the code can no longer be confirmed after this refusal (codeIsClosed): the page around the form must say so. */
export const refusalClosesCode = (reason: ConfirmRefusal) => reason === 'too-many-tries' || reason === 'expired';
