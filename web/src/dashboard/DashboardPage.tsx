import { EmptyState } from '../app/states.tsx';

export default function DashboardPage() {
  return <EmptyState />;
}
