// One namespace per screen, each in its own file (add the import and the entry here).
import { queue } from '../pages/queue/strings';
import { caseWorkspace } from '../pages/case/strings';
import { dashboard } from '../pages/dashboard/strings';
import { settings } from '../pages/settings/strings';

export const namespaces = { queue, case: caseWorkspace, dashboard, settings } as const;
