import './zod-jitless';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setNonce } from 'get-nonce';
import { App } from './app/App';
import { styleNonce } from './app/theme';
import { initI18n } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// Mantine's modals lock scrolling with react-remove-scroll, which adds a <style> of its own
// and takes the CSP nonce from get-nonce; Mantine's own styles get it from MantineProvider.
setNonce(styleNonce());
await initI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
