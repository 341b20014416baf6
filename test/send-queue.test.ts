import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {SendQueue, type SocketData} from '../src/socket/send-queue.js';

describe('SendQueue', () => {
  it('hands messages back in the order they were queued', () => {
    const queue = new SendQueue();
    ['a', 'b', 'c'].forEach((message) => queue.push(message));
    const sent: SocketData[] = [];
    queue.flush((data) => sent.push(data), () => true);
    expect(sent).to.deep.equal(['a', 'b', 'c']);
    expect(queue.size).to.equal(0);
  });

  it('keeps what it could not send yet, in order', () => {
    const queue = new SendQueue();
    ['a', 'b', 'c'].forEach((message) => queue.push(message));
    const sent: SocketData[] = [];
    queue.flush((data) => sent.push(data), () => sent.length < 2);
    expect(sent).to.deep.equal(['a', 'b']);
    expect(queue.takeAll()).to.deep.equal(['c']);
    expect(queue.size).to.equal(0);
  });

  it('copies binary data, so reusing a buffer afterwards changes nothing queued', () => {
    const queue = new SendQueue();
    const buffer = new Uint8Array([1, 2, 3]);
    queue.push(buffer);
    queue.push(buffer.buffer);
    queue.push(new DataView(buffer.buffer, 1, 2));
    buffer.fill(9);
    const [view, whole, part] = queue.takeAll() as [Uint8Array, ArrayBuffer, Uint8Array];
    expect([...view]).to.deep.equal([1, 2, 3]);
    expect([...new Uint8Array(whole)]).to.deep.equal([1, 2, 3]);
    expect([...part]).to.deep.equal([2, 3]);
  });
});

describe('SendQueue limit', () => {
  it('throws QuotaExceededError at the limit and keeps the queue as it was', () => {
    const queue = new SendQueue();
    queue.push('a', 2);
    queue.push('b', 2);
    expect(() => queue.push('c', 2)).to.throw(DOMException).with.property('name', 'QuotaExceededError');
    expect(queue.takeAll()).to.deep.equal(['a', 'b']);
  });
});
