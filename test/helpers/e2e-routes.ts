/**
 * Journeys check first that the routes they walk exist, so a missing route fails loudly with its
 * name instead of as a timeout somewhere in the UI.
 */
import type { TestService } from './test-service';

/** Routes as `METHOD /path` with sample ids; 404 `no route …` from the service means missing. */
export async function requireRoutes(svc: TestService, routes: string[]): Promise<void> {
  const missing: string[] = [];
  for (const route of routes) {
    const [method, path] = route.split(' ');
    const response = await svc.api(path, { method, ...(method === 'POST' || method === 'PUT' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
    const text = await response.text();
    if (response.status === 404 && text.includes('no route')) missing.push(route);
  }
  if (missing.length > 0) throw new Error(`the service does not have these routes yet: ${missing.join(', ')}`);
}
