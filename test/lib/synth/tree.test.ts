import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';
import { TreeListing } from '../../../lib/synth/tree';

describe('TreeListing', () => {
  test('lists what node.findAll() lists, and each chart subtree as the chart lists it', () => {
    const app = new cdk8s.App();
    const outer = new cdk8s.Chart(app, 'outer');
    const inner = new cdk8s.Chart(outer, 'inner');
    new cdk8s.ApiObject(inner, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    const group = new Construct(outer, 'group');
    new cdk8s.ApiObject(group, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
    new cdk8s.ApiObject(group, '10', { apiVersion: 'v1', kind: 'ConfigMap' }); // index ids come first in node.children
    new cdk8s.ApiObject(group, '2', { apiVersion: 'v1', kind: 'ConfigMap' });
    new cdk8s.Chart(app, '0');
    new cdk8s.Chart(app, 'empty');

    const listing = new TreeListing(app);
    expect(listing.all).toEqual(app.node.findAll());
    for (const construct of app.node.findAll()) expect(listing.subtree(construct)).toEqual(construct.node.findAll());
  });

  test('a chart as the root', () => {
    const chart = new cdk8s.Chart(new cdk8s.App(), 'root');
    new cdk8s.ApiObject(chart, 'x', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(new TreeListing(chart).all).toEqual(chart.node.findAll());
    expect(new TreeListing(chart).subtree(chart)).toEqual(chart.node.findAll());
  });
});
