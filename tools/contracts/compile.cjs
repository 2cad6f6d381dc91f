// Compiles one Solidity file with the pinned solc-js (standard JSON) and prints the creation bytecode of the contract
// named like the file, as hex. The metadata hash is left out so the bytecode depends on the source and compiler alone.
// Usage: node compile.cjs <path/Name.sol>
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const file = process.argv[2];
const name = path.basename(file, '.sol');
const input = {
  language: 'Solidity',
  sources: { [path.basename(file)]: { content: fs.readFileSync(file, 'utf8') } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter(e => e.severity === 'error');
for (const e of output.errors || []) process.stderr.write(e.formattedMessage + '\n');
if (errors.length > 0) process.exit(1);
const bytecode = output.contracts[path.basename(file)][name].evm.bytecode.object;
process.stdout.write('0x' + bytecode);
