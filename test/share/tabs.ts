import {waitUntil} from '@open-wc/testing';
import type {PyWebSocketElement} from '../../src/index.js';

/** An event an element in a tab heard, as a plain object (see tab.html). */
export interface Heard {
  type: string;
  data?: string;
  code?: number;
  reason?: string;
  unsent?: string[];
  attempt?: number;
}
export type TabSocketElement = PyWebSocketElement & {heard: Heard[]};
export type TabWindow = Window & {
  ready?: boolean;
  events: Heard[];
  socket: TabSocketElement;
  addSocket(attributes: Record<string, string>): TabSocketElement;
};
export type Tab = {frame: HTMLIFrameElement; window: TabWindow};

/**
 * A same-origin frame standing for a tab (test/share/tab.html): with one
 * <py-websocket share="tabs"> with `attributes` when they name a host.
 */
export async function openTab(attributes: Record<string, string> = {}, query = ''): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.src = `/test/share/tab.html?${new URLSearchParams(attributes)}${query}`;
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as TabWindow | null)?.ready === true, 'the tab loaded');
  return {frame, window: frame.contentWindow as TabWindow};
}

export const heard = (tab: Tab, type: string) => tab.window.events.filter((event) => event.type === type);
export const isOpen = (tabs: Tab[]) => tabs.every((tab) => tab.window.socket.readyState === 1);

/** Opens the holder first (it gets the lock), then the others, and waits until all are open. */
export async function openTabs(count: number, attributes: Record<string, string>, query = ''): Promise<Tab[]> {
  const tabs = [await openTab(attributes, query)];
  await waitUntil(() => isOpen(tabs), 'the first tab open');
  for (let i = 1; i < count; i++) tabs.push(await openTab(attributes, query));
  await waitUntil(() => isOpen(tabs), 'every tab open');
  return tabs;
}
