import { EmptyState } from '../app/states.tsx';

export default function MyTasksPage() {
  return <EmptyState />;
}
