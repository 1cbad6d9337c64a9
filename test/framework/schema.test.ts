import { describe, expect, it } from 'vitest';
import {
  builtInFramework,
  FrameworkError,
  parseFramework,
  type Framework,
} from '../../src/framework/index.js';

/** The built-in framework without the tool's reading (test/framework/reading.test.ts tests that). */
const clone = (): Framework => {
  const f = structuredClone(builtInFramework());
  delete f.reading;
  return f;
};

function problemsOf(data: unknown): string[] {
  try {
    parseFramework(data, 'my-framework.json');
  } catch (e) {
    expect(e).toBeInstanceOf(FrameworkError);
    expect((e as Error).message).toMatch(/^my-framework\.json is not a valid framework/);
    return [...(e as FrameworkError).problems];
  }
  throw new Error('expected the framework to be refused');
}

describe('framework validation', () => {
  it('accepts the built-in framework and a smaller one of the same shape', () => {
    const small = clone();
    small.elements = small.elements.slice(0, 2);
    expect(parseFramework(small).elements).toHaveLength(2);
  });

  it('names the path of a missing field', () => {
    const f = clone() as unknown as { elements: { title?: string }[] };
    delete f.elements[1]!.title;
    expect(problemsOf(f)).toEqual([expect.stringMatching(/^elements\[1\]\.title: /)]);
  });

  it('refuses duplicate ids and says where the first one is', () => {
    const f = clone();
    f.elements[0]!.levels[3]!.characteristics[0]!.id = 'ucd.l1.01';
    expect(problemsOf(f)).toEqual([
      expect.stringMatching(
        /characteristics\[0\]\.id: id "ucd\.l1\.01" is already used at elements\.0\.levels/,
      ),
    ]);
  });

  it('refuses a sheet name Excel would reject', () => {
    const f = clone();
    f.elements[0]!.shortTitle = 'Users: design and research in government';
    expect(problemsOf(f).join('\n')).toMatch(/shortTitle: must fit an Excel sheet name/);
  });

  it('refuses elements with different numbers of levels and unordered ranks', () => {
    const f = clone();
    f.elements[3]!.levels.pop();
    f.elements[5]!.levels[0]!.rank = 2;
    const problems = problemsOf(f).join('\n');
    expect(problems).toMatch(/elements\[3\]\.levels: every element needs the same number of levels \(4\)/);
    expect(problems).toMatch(/elements\[5\]\.levels\[0\]\.rank: levels must be listed in order/);
  });

  it('refuses a scored rating without a value and bad scoring parameters', () => {
    const f = clone();
    delete f.scoring.ratings[0]!.value;
    f.scoring.stagedFrom = 9;
    f.scoring.epsilon = 0;
    const problems = problemsOf(f).join('\n');
    expect(problems).toMatch(/scoring\.ratings\[0\]\.value: a value is required/);
    expect(problems).toMatch(/scoring\.stagedFrom: must be a level rank between 2 and 4/);
    expect(problems).toMatch(/scoring\.epsilon: /);
  });

  it('refuses a parent that is not in the same level', () => {
    const f = clone();
    f.elements[0]!.levels[0]!.characteristics[1]!.parentId = 'ucd.l2.01';
    expect(problemsOf(f).join('\n')).toMatch(
      /parentId: parent "ucd\.l2\.01" is not a characteristic of the same level/,
    );
  });

  it('refuses something that is not a framework at all', () => {
    expect(problemsOf([1, 2, 3])[0]).toMatch(/\(top level\)/);
  });
});
