import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A change sent to the server, after which what shows the changed data is asked for again — whether
 * the change went through or was refused, since a refusal may mean the list was already out of date.
 */
export function useChange<Input, Result>(send: (input: Input) => Promise<Result>, ...shown: QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => Promise.all(shown.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
