using Arena.Datasets.Storage;
using Arena.Sessions;
using Microsoft.Extensions.Options;

namespace Arena.Datasets;

/// <summary>
/// Parsed datasets, kept in memory up to a bound on cells (least recently used out first) so that tools
/// do not parse a file on every call. A table not in memory (e.g. after a restart) is read from the store and parsed again.
/// </summary>
public sealed class DatasetTables(IDatasetStore store, IOptions<DatasetOptions> options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(Guid Id, DatasetTable Table)> _recent = new();
    private readonly Dictionary<Guid, LinkedListNode<(Guid Id, DatasetTable Table)>> _index = [];
    private readonly long _capacity = options.Value.CacheCells;
    private readonly int _maxColumns = options.Value.MaxColumns;
    private long _cells;

    /// <summary>Cells held now.</summary>
    public long Cells
    {
        get
        {
            lock (_gate)
            {
                return _cells;
            }
        }
    }

    /// <summary>The parsed table of a dataset the session holds.</summary>
    public async Task<DatasetTable> GetAsync(string sessionId, DatasetInfo dataset, CancellationToken cancellationToken = default)
    {
        if (TryGet(dataset.Id, out var cached))
        {
            return cached;
        }

        var content = await store.LoadAsync(sessionId, dataset.Id, cancellationToken)
            ?? throw ArenaException.NotFound($"The file of dataset '{dataset.Name}' is no longer stored; upload it again.");
        var table = DatasetTable.Parse(content, _maxColumns);
        Add(dataset.Id, table);
        return table;
    }

    public bool Contains(Guid datasetId)
    {
        lock (_gate)
        {
            return _index.ContainsKey(datasetId);
        }
    }

    /// <summary>Keeps a table just parsed (e.g. on upload); one larger than the whole cache is not kept.</summary>
    public void Add(Guid datasetId, DatasetTable table)
    {
        lock (_gate)
        {
            RemoveLocked(datasetId);
            if (table.Cells > _capacity)
            {
                return;
            }

            while (_cells + table.Cells > _capacity && _recent.Last is { } oldest)
            {
                RemoveLocked(oldest.Value.Id);
            }

            _index[datasetId] = _recent.AddFirst((datasetId, table));
            _cells += table.Cells;
        }
    }

    public void Remove(Guid datasetId)
    {
        lock (_gate)
        {
            RemoveLocked(datasetId);
        }
    }

    private bool TryGet(Guid datasetId, out DatasetTable table)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(datasetId, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                table = node.Value.Table;
                return true;
            }
        }

        table = null!;
        return false;
    }

    private void RemoveLocked(Guid datasetId)
    {
        if (_index.Remove(datasetId, out var node))
        {
            _recent.Remove(node);
            _cells -= node.Value.Table.Cells;
        }
    }
}
