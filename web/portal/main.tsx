import { App } from './App';
import { setupI18n } from './i18n';
import { startApp } from '../shared/bootstrap';
import './portal.css';

await startApp(App, setupI18n, { refetchOnWindowFocus: false });
