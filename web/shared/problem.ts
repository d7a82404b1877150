// RFC 9457 problems as the console and the customer portal both receive them: one error class and
// one way to read a failed response into it.

export type FieldError = { field: string; message: string };

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/**
 * Reads a failed response into a ProblemError: the server's code, (localized) title, detail and
 * field errors. A body that is not JSON keeps its first 200 characters as the detail only when
 * `bodyAsDetail` is set (the console shows it; the portal never shows raw server text to customers).
 */
export async function problemFromResponse(response: Response, { bodyAsDetail = false }: { bodyAsDetail?: boolean } = {}): Promise<ProblemError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string; code?: string; errors?: FieldError[] };
    return new ProblemError(response.status, problem.code ?? 'error', problem.title ?? response.statusText, problem.detail, problem.errors ?? []);
  } catch {
    const detail = bodyAsDetail ? text.slice(0, 200) || undefined : undefined;
    return new ProblemError(response.status, 'error', response.statusText || `HTTP ${response.status}`, detail, []);
  }
}
