using System.Data.Common;
using System.Xml;
using System.Xml.Linq;
using Arena.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arena.Web.Sessions.KeyRing;

/// <summary>
/// Data Protection's key ring in Arena's own database, table <c>arena_data_protection_keys</c> (SQLite in the embedded
/// profile, PostgreSQL in the cluster profile): every web host on the database reads every key, so a cookie one signed
/// is read by another, and by itself after a restart. An element is stored once under its name; storing that name
/// again changes nothing. Data Protection calls this synchronously and rarely (it caches the ring), so the calls are
/// ADO.NET's synchronous ones.
/// </summary>
public sealed partial class DatabaseXmlRepository : IXmlRepository
{
    public const string Table = "arena_data_protection_keys";

    private readonly DatabaseKind _kind;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<DatabaseXmlRepository> _logger;
    private readonly DirectoryInfo? _formerDirectory;
    private readonly Lock _schemaLock = new();
    private bool _schemaApplied;

    /// <param name="formerDirectory">A directory of key files to copy in on first use (where the ring was kept before), or null.</param>
    public DatabaseXmlRepository(DatabaseKind kind, string connectionString, TimeProvider time, ILogger<DatabaseXmlRepository> logger, DirectoryInfo? formerDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _kind = kind;
        _connectionString = connectionString;
        _time = time;
        _logger = logger;
        _formerDirectory = formerDirectory;
    }

    /// <summary>Every element stored so far, oldest first.</summary>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureSchema();
        var elements = new List<XElement>();
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT friendly_name, xml FROM {Table} ORDER BY created_at, friendly_name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                elements.Add(Parse(reader.GetString(1), $"Data Protection key '{reader.GetString(0)}' in {Table} ({_kind})"));
            }
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException($"The Data Protection key ring could not be read from {Table} ({_kind}): {ex.Message}", ex);
        }

        return elements.AsReadOnly();
    }

    /// <summary>Stores <paramref name="element"/> under <paramref name="friendlyName"/>, durably; a name already stored keeps its first element.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        EnsureSchema();
        if (!Insert(friendlyName, element.ToString(SaveOptions.DisableFormatting)))
        {
            LogAlreadyStored(friendlyName);
        }
    }

    /// <summary>Stores one element's XML unless its name is stored already; true when it was new.</summary>
    private bool Insert(string friendlyName, string xml)
    {
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO {Table} (friendly_name, xml, created_at)
                VALUES (@name, @xml, @created_at)
                ON CONFLICT (friendly_name) DO NOTHING
                """;
            ArenaDatabase.Parameter(command, "@name", friendlyName);
            ArenaDatabase.Parameter(command, "@xml", xml);
            ArenaDatabase.Parameter(command, "@created_at", ArenaDatabase.TimeValue(_kind, _time.GetUtcNow()));
            return command.ExecuteNonQuery() == 1;
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException($"Data Protection key '{friendlyName}' could not be stored in {Table} ({_kind}): {ex.Message}", ex);
        }
    }

    /// <summary>Copies the key files of <paramref name="directory"/> into the table, each name once.</summary>
    private void ImportDirectory(DirectoryInfo directory)
    {
        directory.Refresh();
        if (!directory.Exists)
        {
            return;
        }

        var imported = 0;
        foreach (var file in directory.EnumerateFiles("*.xml").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file.Name);
            var element = Parse(File.ReadAllText(file.FullName), $"Data Protection key file {file.FullName}");
            if (Insert(name, element.ToString(SaveOptions.DisableFormatting)))
            {
                imported++;
            }
        }

        if (imported > 0)
        {
            LogImported(imported, directory.FullName);
        }
    }

    private static XElement Parse(string xml, string source)
    {
        try
        {
            return XElement.Parse(xml);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"{source} is not well-formed XML: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Creates the table if this database has none yet (Data Protection may read its ring before the silo applies the
    /// schema), and copies in the former directory's keys.
    /// </summary>
    private void EnsureSchema()
    {
        lock (_schemaLock)
        {
            if (_schemaApplied)
            {
                return;
            }

            try
            {
                ArenaSchema.ApplyDataProtectionKeys(_kind, _connectionString);
            }
            catch (DbException ex)
            {
                throw new InvalidOperationException($"The Data Protection key table {Table} could not be created ({_kind}): {ex.Message}", ex);
            }

            if (_formerDirectory is not null)
            {
                ImportDirectory(_formerDirectory);
            }

            _schemaApplied = true;
        }
    }

    private DbConnection Open()
    {
        DbConnection connection = _kind switch
        {
            DatabaseKind.Sqlite => new SqliteConnection(_connectionString),
            DatabaseKind.PostgreSql => new NpgsqlConnection(_connectionString),
            _ => throw new InvalidOperationException($"Unknown database kind {_kind}."),
        };
        try
        {
            connection.Open();
            if (_kind == DatabaseKind.Sqlite)
            {
                // A key is written once and must outlive a crash: full fsync, and wait out another writer.
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";
                pragma.ExecuteNonQuery();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Data Protection key '{FriendlyName}' was stored already; the stored element is kept")]
    private partial void LogAlreadyStored(string friendlyName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} Data Protection keys from {Directory} into the database; the directory is no longer read and may be removed")]
    private partial void LogImported(int count, string directory);
}
