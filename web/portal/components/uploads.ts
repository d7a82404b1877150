import type { TFunction } from 'i18next';

// What the desk accepts from customers (the server checks the content again).
export const acceptedUploadTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];
export const acceptAttribute = '.png,.jpg,.jpeg,.gif,.webp,.pdf,image/png,image/jpeg,image/gif,image/webp,application/pdf';
export const maxUploadMegabytes = 10;

/** Why a chosen file cannot be sent, or null when it looks fine. */
export function uploadProblem(file: { name: string; type: string; size: number }, t: TFunction): string | null {
  if (!acceptedUploadTypes.includes(file.type)) return t('upload.badType', { name: file.name });
  if (file.size > maxUploadMegabytes * 1024 * 1024) return t('upload.tooLarge', { name: file.name, size: maxUploadMegabytes });
  return null;
}
