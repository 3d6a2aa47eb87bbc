/** JSON 1.1 services name the operation in X-Amz-Target as `<targetPrefix>.<Operation>`. */
export function jsonTargetOperation(target: string): string {
  const dot = target.lastIndexOf(".");
  return dot === -1 ? target : target.slice(dot + 1);
}
