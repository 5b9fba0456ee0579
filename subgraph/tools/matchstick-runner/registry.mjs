// matchstick's describe/test/hook registration, and running what was registered.

function newGroup(name, parent) {
  return { kind: 'describe', name, parent, items: [], hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] } };
}

export class Registry {
  constructor() {
    this.root = newGroup('', null);
    this.current = this.root;
    this.failures = [];
    /** Calls a function of the module's table by index; set once the instance exists. */
    this.call = () => {
      throw new Error('registry used before the module was instantiated');
    };
  }

  /** matchstick runs a describe's body to collect its tests and hooks. */
  addDescribe(name, funcIdx) {
    const group = newGroup(name, this.current);
    this.current.items.push(group);
    this.current = group;
    try {
      this.call(funcIdx);
    } finally {
      this.current = group.parent;
    }
  }

  addTest(name, shouldFail, funcIdx) {
    this.current.items.push({ kind: 'test', name, shouldFail, funcIdx });
  }

  addHook(type, funcIdx) {
    if (!(type in this.current.hooks)) throw new Error(`unknown hook type "${type}"`);
    this.current.hooks[type].push(funcIdx);
  }

  /** Messages from failed host assertions during the current test. */
  recordFailure(message) {
    this.failures.push(message);
  }

  /**
   * Runs every registered test in order; hooks like matchstick: beforeAll/afterAll once per
   * describe, beforeEach/afterEach of every enclosing describe around each test (outer first).
   * @returns {{ name: string, passed: boolean, message?: string }[]}
   */
  run() {
    const results = [];
    const runGroup = (group, chain) => {
      const path = group.name ? [...chain, group] : chain;
      let setupError = null;
      try {
        for (const hook of group.hooks.beforeAll) this.call(hook);
      } catch (error) {
        setupError = error;
      }
      for (const item of group.items) {
        if (item.kind === 'describe') {
          runGroup(item, path);
          continue;
        }
        const name = [...path.map((g) => g.name), item.name].join(' > ');
        if (setupError) {
          results.push({ name, passed: false, message: `beforeAll failed: ${setupError.message}` });
          continue;
        }
        results.push({ name, ...this.runTest(item, [this.root, ...path]) });
      }
      try {
        for (const hook of group.hooks.afterAll) this.call(hook);
      } catch (error) {
        results.push({ name: `${[...path.map((g) => g.name)].join(' > ')} (afterAll)`, passed: false, message: error.message });
      }
    };
    runGroup(this.root, []);
    return results;
  }

  runTest(test, groups) {
    this.failures = [];
    let error = null;
    try {
      for (const group of groups) for (const hook of group.hooks.beforeEach) this.call(hook);
      this.call(test.funcIdx);
    } catch (caught) {
      error = caught;
    }
    let hookError = null;
    try {
      for (const group of [...groups].reverse()) for (const hook of group.hooks.afterEach) this.call(hook);
    } catch (caught) {
      hookError = caught;
    }
    const details = [...this.failures, ...(error ? [error.message] : [])].join('; ');
    this.failures = [];
    if (hookError) return { passed: false, message: `afterEach failed: ${hookError.message}` };
    if (test.shouldFail) {
      return error ? { passed: true } : { passed: false, message: 'expected the test to fail (shouldFail), but it passed' };
    }
    return error ? { passed: false, message: details } : { passed: true };
  }
}
