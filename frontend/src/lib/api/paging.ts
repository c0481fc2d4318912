// Typed wrappers over the Paging binding: who was paged, who joined, who is next.
import * as B from '../../../wailsjs/go/app/Paging';
import type { backend } from '../../../wailsjs/go/models';
import { call } from './errors';
import { parseTime, requireTime } from './convert';
import type { Page, PageState, Paging } from './types';

function toPage(p: backend.Page): Page {
  const state = (['paged', 'joined', 'no_answer'].includes(p.state) ? p.state : 'paged') as PageState;
  return {
    id: p.id, incidentId: p.incidentId, person: p.person ?? '', level: p.level ?? 0, state,
    pagedAt: requireTime(p.pagedAt), answeredAt: parseTime(p.answeredAt),
  };
}

export async function listPages(incidentId: number): Promise<Paging> {
  const p = await call(() => B.List(incidentId));
  return { pages: (p?.pages ?? []).map(toPage), path: p?.path ?? [], next: p?.next ?? '', nextLevel: p?.nextLevel ?? 0 };
}

/** pagePerson records a page; level 0 = the person's place on the path (else one past the highest paged). */
export async function pagePerson(incidentId: number, person: string, level: number): Promise<Page> {
  return toPage(await call(() => B.Page(incidentId, person.trim(), level)));
}

export async function pageJoined(pageId: number): Promise<Page> {
  return toPage(await call(() => B.Joined(pageId)));
}

export async function pageNoAnswer(pageId: number): Promise<Page> {
  return toPage(await call(() => B.NoAnswer(pageId)));
}
