/** A failure of `community:create` that the person running it can fix; the message is one sentence saying how. */
export class CreateCommunityFailure extends Error {
  override name = 'CreateCommunityFailure' as const;
}
