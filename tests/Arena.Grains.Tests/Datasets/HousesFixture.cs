using System.Globalization;
using System.Text;
using Arena.Assistant;
using Arena.Datasets;
using Arena.Datasets.Storage;
using Arena.Sessions;

namespace Arena.Grains.Tests.Datasets;

/// <summary>
/// A small dataset of house listings, kept as literal arrays (the expected values are computed from
/// these in the tests) and written out as a CSV file into a real SQLite dataset store.
/// </summary>
public sealed class HousesFixture : IAsyncLifetime
{
    public const string SessionId = "0123456789abcdef0123456789abcdef";

    public static readonly string[] City = ["Oslo", "Bergen", "Oslo", "Tromso", "Bergen", "Oslo", "Tromso", "Bergen", "Oslo", "Bergen"];
    public static readonly double?[] Price = [350.5, 420.0, null, 199.9, 510.25, 275.0, 330.0, 460.75, 612.4, 298.1];
    public static readonly long[] Rooms = [3, 4, 2, 1, 5, 2, 3, 4, 6, 2];
    public static readonly bool?[] Sold = [true, false, true, true, false, null, true, false, true, false];
    public static readonly string[] Listed = ["2024-01-05", "2024-02-11", "2023-12-30", "2024-03-02", "2024-01-20", "2024-02-28", "2023-11-15", "2024-03-10", "2024-01-01", "2024-02-02"];
    public static readonly string[] Agent = ["Smith, Ann", "Berg", "Smith, Ann", "Dahl \"DJ\"", "Berg", "Lie", "Dahl \"DJ\"", "Lie", "Smith, Ann", "Berg"];

    private readonly SqliteDatasetStore _database = new();

    public int Rows => City.Length;

    public DatasetInfo Houses { get; private set; } = null!;

    public DatasetInfo Tiny { get; private set; } = null!;

    public DatasetTables Tables { get; private set; } = null!;

    /// <summary>The houses dataset alone.</summary>
    public ToolContext Context => new(SessionId, [Houses]);

    /// <summary>Both datasets: the dataset argument becomes required.</summary>
    public ToolContext BothContext => new(SessionId, [Houses, Tiny]);

    public static string Csv()
    {
        var csv = new StringBuilder("city,price,rooms,sold,listed,agent\r\n");
        for (var i = 0; i < City.Length; i++)
        {
            var price = Price[i] is { } p ? p.ToString(CultureInfo.InvariantCulture) : "NA";
            var sold = Sold[i] switch { true => "yes", false => "no", null => "" };
            var agent = "\"" + Agent[i].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            csv.Append(CultureInfo.InvariantCulture, $"{City[i]},{price},{Rooms[i]},{sold},{Listed[i]},{agent}\r\n");
        }

        return csv.ToString();
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Tables = _database.NewTables();
        Houses = await SaveAsync("houses", Csv());
        Tiny = await SaveAsync("tiny", "label,x,y\na,1,2\nb,2,4\nc,3,7\n");
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<DatasetInfo> SaveAsync(string name, string csv)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        var info = DatasetTable.Parse(bytes, 500).Describe(Guid.NewGuid(), name, bytes.Length, DateTimeOffset.UnixEpoch);
        await _database.Store.SaveAsync(new StoredDataset(info.Id, SessionId, name, info.UploadedAt), bytes);
        return info;
    }
}
