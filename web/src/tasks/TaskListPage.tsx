import { EmptyState } from '../app/states.tsx';

export default function TaskListPage() {
  return <EmptyState />;
}
