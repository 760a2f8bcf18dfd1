/**
 * "Which segment are you?" in the browser: the reader's answers go through the year's logistic regression,
 * here, on this page; nothing is sent anywhere. Shows the two most likely segments with their probabilities
 * and the answers that weighed most for the first against the second.
 */
interface ClientQuiz {
  features: string[];
  weights: number[][];
  bias: number[];
  segments: Array<{ name: string; href: string }>;
  answers: Record<string, string>;
}

export function placeReader(quiz: ClientQuiz, chosen: ReadonlySet<string>) {
  const columns = quiz.features.flatMap((f, j) => (chosen.has(f) ? [j] : []));
  const scores = quiz.bias.map((b, c) => columns.reduce((s, j) => s + quiz.weights[c][j], b));
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const order = exp.map((e, c) => ({ c, p: e / total })).sort((a, b) => b.p - a.p || a.c - b.c);
  const [first, second] = order;
  const decided = columns
    .map((j) => ({ feature: quiz.features[j], weight: quiz.weights[first.c][j] - quiz.weights[second.c][j] }))
    .filter((d) => d.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3);
  return { first, second, decided };
}

export function enhanceQuiz(form: HTMLFormElement, output: HTMLElement, quiz: ClientQuiz): void {
  const percent = (p: number) => `${Math.round(p * 100)}%`;
  const show = () => {
    const chosen = new Set(
      [...form.querySelectorAll<HTMLInputElement>('input[data-answer]:checked')].map((input) => input.value),
    );
    const { first, second, decided } = placeReader(quiz, chosen);
    // Built as nodes, not markup: answer texts and names are data.
    const link = (c: number) =>
      Object.assign(document.createElement('a'), { href: quiz.segments[c].href, textContent: quiz.segments[c].name });
    const placed = document.createElement('p');
    placed.className = 'placed';
    placed.append(
      'Most likely: ',
      link(first.c),
      ` (${percent(first.p)}). Next: `,
      link(second.c),
      ` (${percent(second.p)}).`,
    );
    const why = document.createElement('p');
    why.textContent =
      decided.length > 0
        ? `The answers that weighed most for it over the second: ${decided.map((d) => `“${quiz.answers[d.feature]}”`).join(', ')}.`
        : 'None of your answers so far sets it apart from the second; answer more questions.';
    output.replaceChildren(placed, why);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  form.addEventListener('change', show);
  form.hidden = false;
  show();
}
