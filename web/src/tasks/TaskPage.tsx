import { EmptyState } from '../app/states.tsx';

export default function TaskPage() {
  return <EmptyState />;
}
