// The web app's registry of modules: one line per module, in the order of the navigation.
import type { WebModule } from './module';
import { about } from './about';
import { kit } from './kit';
import { staffing } from './staffing';
import { surveys } from './surveys';
import { tenancy } from './tenancy';

export const MODULES: WebModule[] = [tenancy, staffing, surveys, kit, about];
