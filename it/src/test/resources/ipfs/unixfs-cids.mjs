// Prints the UnixFS root CID of each file, one per line, computed by the JavaScript reference
// implementations, with a chunk size and a maximum number of links per node chosen by the caller:
//   node unixfs-cids.mjs ipfs-car CHUNK_SIZE MAX_LINKS FILE...   ipfs-car's own encoder (@ipld/unixfs)
//   node unixfs-cids.mjs kubo CHUNK_SIZE MAX_LINKS FILE...       ipfs-unixfs-importer, ipfs add defaults
// "-" as FILE reads stdin.
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { createFileEncoderStream } from 'ipfs-car'
import * as UnixFS from '@ipld/unixfs'
import { withMaxChunkSize } from '@ipld/unixfs/file/chunker/fixed'
import { withWidth } from '@ipld/unixfs/file/layout/balanced'
import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

const RAW = { name: 'raw', code: 0x55, encode: bytes => bytes, decode: bytes => bytes }

const [engine, chunkArg, linksArg, ...files] = process.argv.slice(2)
const chunkSize = Number(chunkArg)
const maxLinks = Number(linksArg)

function open (file) {
  return file === '-' ? process.stdin : fs.createReadStream(file, { highWaterMark: 1 << 20 })
}

async function ipfsCar (file) {
  const settings = UnixFS.configure({
    fileChunkEncoder: RAW,
    smallFileEncoder: RAW,
    chunker: withMaxChunkSize(chunkSize),
    fileLayout: withWidth(maxLinks)
  })
  const blob = { stream: () => Readable.toWeb(open(file)) }
  let last
  await createFileEncoderStream(blob, settings).pipeTo(new WritableStream({
    write (block) { last = block }
  }))
  return last.cid.toString()
}

async function kubo (file) {
  const blockstore = {
    put: async (cid) => cid,
    has: async () => false,
    get: async () => { throw new Error('not stored') }
  }
  let root
  for await (const entry of importer([{ content: open(file) }], blockstore, {
    cidVersion: 0,
    rawLeaves: false,
    leafType: 'file',
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize }),
    layout: balanced({ maxChildrenPerNode: maxLinks })
  })) {
    root = entry.cid
  }
  return root.toString()
}

for (const file of files) {
  const cid = engine === 'ipfs-car' ? await ipfsCar(file) : await kubo(file)
  process.stdout.write(cid + '\n')
}
