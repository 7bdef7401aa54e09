import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';
import { vocab } from './lib/state/vocab.svelte';
// Go's own lists, written by app_vocab_test.go (TestVocabulariesFixture).
import vocabularies from './test/vocabularies.json';

vocab.set(vocabularies);

afterEach(() => cleanup());
