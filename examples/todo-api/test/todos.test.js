const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const app = require('../src/app');

describe('todos', () => {
  it('lists todos', async () => {
    const res = await request(app).get('/todos');
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body));
  });

  it('creates a todo', async () => {
    const res = await request(app).post('/todos').send({ title: 'Buy milk' });
    assert.equal(res.status, 201);
    assert.equal(res.body.title, 'Buy milk');
    assert.equal(res.body.done, false);
  });

  it('rejects a todo without a title', async () => {
    const res = await request(app).post('/todos').send({});
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: 'title is required' });
  });
});
