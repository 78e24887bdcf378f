export function MethodBadge({ method }: { method: string }) {
  return <span className={`rq-method rq-method-${method.toLowerCase()}`}>{method === 'DELETE' ? 'DEL' : method}</span>
}
