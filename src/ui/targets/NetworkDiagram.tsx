/** The network as a row of layer boxes; the slow step lights up the layers it is talking about. */
interface Props {
  /** What the input box says ("input: 196 pixels", "input (x₁, x₂)"). */
  inputName: string;
  /** Names of layers 1…M; the input is drawn first. */
  layerNames: string[];
  active: number[];
}

const BOX_W = 116;
const GAP = 22;

export function NetworkDiagram({ inputName, layerNames, active }: Props) {
  const names = [inputName, ...layerNames];
  const width = names.length * BOX_W + (names.length - 1) * GAP;
  return (
    <svg className="network-diagram" width={width} height={54} viewBox={`0 0 ${width} 54`} role="img" aria-label={`Network: ${names.join(', ')}`}>
      {names.map((name, i) => {
        const x = i * (BOX_W + GAP);
        const lit = active.includes(i);
        return (
          <g key={name + i}>
            {i > 0 ? <path d={`M${x - GAP + 2} 27 H${x - 4}`} stroke="#8a94a6" strokeWidth={1.5} markerEnd="url(#arrow)" /> : null}
            <rect x={x} y={6} width={BOX_W} height={42} rx={7} fill={lit ? '#0072b2' : '#fff'} stroke={lit ? '#0072b2' : '#b8c0cc'} strokeWidth={lit ? 2.5 : 1.2} />
            <text x={x + BOX_W / 2} y={31} textAnchor="middle" fontSize={11.5} fill={lit ? '#fff' : '#1d2330'}>
              {name}
            </text>
          </g>
        );
      })}
      <defs>
        <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
          <path d="M0 0 L8 4 L0 8 z" fill="#8a94a6" />
        </marker>
      </defs>
    </svg>
  );
}
