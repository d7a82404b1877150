// One namespace per screen, each in its own file (add the import and the entry here).
import { queue } from '../pages/queue/strings';
import { caseWorkspace } from '../pages/case/strings';
import { dashboard } from '../pages/dashboard/strings';
import { settings } from '../pages/settings/strings';
import { settingsAccess } from '../pages/settings/access/strings';
import { settingsSla } from '../pages/settings/sla/strings';
import { kb } from '../pages/kb/strings';
import { chats } from '../pages/chats/strings';

export const namespaces = { queue, case: caseWorkspace, dashboard, settings, settingsAccess, settingsSla, kb, chats } as const;
