/** The queue could not be read (unreachable, missing, no permission); nothing was changed. */
export class QueueError extends Error {
  override readonly name = "QueueError";
}
