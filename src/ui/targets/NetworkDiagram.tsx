/**
 * The network as a row of layer boxes; the slow step lights up the layers it is talking about. HTML boxes
 * that size to their names and wrap onto a second line when the panel is narrow: a fixed-width SVG row cut
 * off the output box ("output (sigmoi") with three or four hidden layers.
 */
interface Props {
  /** What the input box says ("input: 196 pixels", "input (x₁, x₂)"). */
  inputName: string;
  /** Names of layers 1…M; the input is drawn first. */
  layerNames: string[];
  active: number[];
}

export function NetworkDiagram({ inputName, layerNames, active }: Props) {
  const names = [inputName, ...layerNames];
  return (
    <ol className="network-diagram" aria-label={`Network: ${names.join(', ')}`} data-testid="network-diagram">
      {names.map((name, i) => (
        <li key={name + i}>
          <span className={`network-box${active.includes(i) ? ' is-lit' : ''}`} aria-current={active.includes(i) ? 'step' : undefined}>
            {name}
          </span>
        </li>
      ))}
    </ol>
  );
}
