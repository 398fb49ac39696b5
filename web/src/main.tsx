import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dropzone/styles.css';
import '@mantine/charts/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import i18n from './i18n/index.ts';
import { formatFileSize } from './ui/format.ts';

// "{{maxBytes, fileSize}}" in a message: a size the way the language writes it ("25 MB", "1,5 MB").
i18n.services.formatter?.add('fileSize', (value: unknown, language) =>
  typeof value === 'number' ? formatFileSize(value, language ?? 'vi') : '',
);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
