// The custom server (server.ts) is server code too, but runs outside React's `react-server`
// condition, where the `server-only` marker throws. Resolve it with that condition there.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') {
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
  }
  return nextResolve(specifier, context);
}
