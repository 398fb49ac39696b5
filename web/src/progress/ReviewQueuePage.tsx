import { EmptyState } from '../app/states.tsx';

export default function ReviewQueuePage() {
  return <EmptyState />;
}
