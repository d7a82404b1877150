// "Was this helpful?" needs a stable, anonymous id per browser (one vote per voter) and a memory of
// how this browser voted, so the question is not asked again.
const VOTER_KEY = 'paydesk.portal.voter';
const VOTES_KEY = 'paydesk.portal.votes';

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function voterId(): string {
  try {
    const stored = localStorage.getItem(VOTER_KEY);
    if (stored && /^[0-9a-f]{32}$/.test(stored)) return stored;
    const fresh = randomId();
    localStorage.setItem(VOTER_KEY, fresh);
    return fresh;
  } catch {
    return randomId();
  }
}

function votes(): Record<string, boolean> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(VOTES_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

export function myVote(articleId: string): boolean | null {
  const vote = votes()[articleId];
  return typeof vote === 'boolean' ? vote : null;
}

export function rememberVote(articleId: string, helpful: boolean): void {
  try {
    localStorage.setItem(VOTES_KEY, JSON.stringify({ ...votes(), [articleId]: helpful }));
  } catch {
    // not remembered; the server still keeps one vote per voter
  }
}
