import { beforeEach, describe, expect, it } from 'vitest';
import { warnBeforeLeavingUnsaved } from '../../src/app/leaveWarning';
import { useAppStore } from '../../src/store/store';

/** Whether leaving the page now would be questioned (the browser asks when it is prevented). */
function asks(target: EventTarget): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('warnBeforeLeavingUnsaved', () => {
  it('asks before leaving only while documents are still being written', () => {
    const page = new EventTarget();
    const stop = warnBeforeLeavingUnsaved(useAppStore.subscribe, page);
    expect(asks(page)).toBe(false);
    useAppStore.getState().setUnsaved(3);
    expect(asks(page)).toBe(true);
    useAppStore.getState().setUnsaved(1);
    expect(asks(page)).toBe(true);
    useAppStore.getState().setUnsaved(0);
    expect(asks(page)).toBe(false);
    // Other changes to the store leave it as it is.
    useAppStore.getState().setUnsaved(2);
    useAppStore.getState().selectEntity('e-hts');
    expect(asks(page)).toBe(true);
    stop();
    expect(asks(page)).toBe(false);
  });

  it('listens only while something is unsaved', () => {
    const added: string[] = [];
    const page = {
      addEventListener: (type: string) => added.push(`+${type}`),
      removeEventListener: (type: string) => added.push(`-${type}`),
    };
    const stop = warnBeforeLeavingUnsaved(useAppStore.subscribe, page);
    useAppStore.getState().setUnsaved(1);
    useAppStore.getState().setUnsaved(5);
    useAppStore.getState().setUnsaved(0);
    useAppStore.getState().setUnsaved(2);
    stop();
    expect(added).toEqual(['+beforeunload', '-beforeunload', '+beforeunload', '-beforeunload']);
  });
});
