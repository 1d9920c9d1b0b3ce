// Preloaded (`node --require`) into a server that `npm start` runs as a child process, so that the
// child cannot outlive it. Its standard input is a pipe whose only writer is scripts/start.js: when
// start.js ends in any way, even by SIGKILL, the kernel closes that end and this process reads
// end-of-file, then ends itself as SIGTERM would.
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
