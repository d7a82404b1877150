// One namespace per portal page, each in its own file (add the import and the entry here).
import { article } from './article';
import { statusPage } from './statusPage';
import { chat } from './chat';
import { home } from './home';
import { newCase } from './newCase';

export const namespaces = { home, article, newCase, statusPage, chat } as const;
