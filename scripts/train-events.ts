// Trains the events stage's sub-event classifier on all of ACLED dev and writes data/events/classifier.json.
// The features of each note are those of its primary rule event (the default pipeline with the classifier off).
// Reproducible: `npm run train:events` (deterministic order and rounding). Scores are measured by
// `npm run eval:events` with 5-fold cross-validation, never with these weights.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acledExamples, CLASSIFIER_MARGIN, loadAcled } from '../eval/events.js';
import { train } from '../src/components/events/index.js';
import { FileResources } from '../src/data/resources.js';

const resources = new FileResources();
const rows = loadAcled();
const { examples } = await acledExamples(rows, resources, (m) => void process.stderr.write(m + '\n'));
const model = train(examples, { margin: CLASSIFIER_MARGIN });
model.meta = {
  trainedOn: 'ACLED dev (../shared/eval/events/acled/dev.csv), all 2,000 notes',
  algorithm: 'averaged perceptron, 12 epochs, features seen at least twice',
  examples: examples.length,
  features: Object.keys(model.weights).length,
};
const out = join(resources.root, 'events', 'classifier.json');
writeFileSync(out, JSON.stringify(model) + '\n');
process.stderr.write(`train:events: ${examples.length} examples, ${Object.keys(model.weights).length} features -> ${out}\n`);
