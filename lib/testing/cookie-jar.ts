/** A browser's cookie jar, just enough for redirects between the hub and a client. */
export class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  /** Every cookie held, as [name, value]. */
  entries(): [string, string][] {
    return [...this.cookies];
  }
  header(): string {
    return this.entries().map(([k, v]) => `${k}=${v}`).join('; ');
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  value(name: string): string | undefined {
    return this.cookies.get(name);
  }
  delete(name: string) {
    this.cookies.delete(name);
  }
  /** One GET without following redirects, cookies sent and stored. */
  async get(url: string): Promise<Response> {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.header() } });
    this.store(response);
    return response;
  }
}
