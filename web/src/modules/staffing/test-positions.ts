// The positions the staffing tests start from: Karim's, lent by Alma (1) to Fresnoy (6) and Basse
// Masure (7) at 40/30/30 over 2026, as the API answers it. Imported by tests only.
import type { Position } from '../../types';

export /** A position as the API answers it, with what a test changes. */
function position(patch: Partial<Position> = {}): Position {
  return {
    id: 1,
    title: 'Chargé de transition numérique',
    kind: 'lending',
    carrier_id: 1,
    person_id: 4,
    person_name: 'Karim Haddad',
    qualification: '',
    tasks: '',
    working_days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    employments: [{ structure_id: 1, weekly_minutes: 2100 }],
    agreements: [
      {
        id: 1,
        starts_on: '2026-01-01',
        ends_on: '2026-12-31',
        ended_on: null,
        billing: 'monthly',
        travel_paid_by: 'visited_structure',
        shares: [
          { structure_id: 1, share_bp: 4000 },
          { structure_id: 6, share_bp: 3000 },
          { structure_id: 7, share_bp: 3000 },
        ],
        signatures: [],
        state: 'in_force',
        version: 4,
        actions: [],
      },
    ],
    actions: [],
    ...patch,
  } as Position;
}
