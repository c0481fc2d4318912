// The generated Wails bindings call window.go, which only exists inside the Wails
// webview. Every test gets automatic mocks instead (each export a vi.fn, reset
// between tests by mockReset in vite.config.ts); api tests program them per case.
import { vi } from 'vitest';

vi.mock('../../wailsjs/go/app/Timeline');
vi.mock('../../wailsjs/go/app/Incidents');
vi.mock('../../wailsjs/go/app/Settings');
vi.mock('../../wailsjs/runtime/runtime');
vi.mock('../../wailsjs/go/app/Clocks');
vi.mock('../../wailsjs/go/app/Reminders');
vi.mock('../../wailsjs/go/app/Actions');
vi.mock('../../wailsjs/go/app/Status');
vi.mock('../../wailsjs/go/app/Handoff');
vi.mock('../../wailsjs/go/app/Watch');
vi.mock('../../wailsjs/go/app/Security');
vi.mock('../../wailsjs/go/app/Paging');
