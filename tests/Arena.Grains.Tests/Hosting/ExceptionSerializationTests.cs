using Arena.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Arena.Grains.Tests.Hosting;

/// <summary>A database error crosses silos as itself, so the web host can tell it (503) from a bug (500).</summary>
public sealed class ExceptionSerializationTests
{
    [Fact]
    public void NpgsqlException_WithArenasSettings_CrossesTheWireAsItself()
    {
        var serializer = Serializer(arena: true);

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));

        var database = Assert.IsType<NpgsqlException>(copy);
        Assert.Equal("Failed to connect to 127.0.0.1:5432", database.Message);
    }

    [Fact]
    public void NpgsqlException_WithOrleansDefaults_CannotBeSerialized()
    {
        // What the setting is for: without it, the grain's answer itself fails and the caller sees a codec error.
        var serializer = Serializer(arena: false);

        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(new NpgsqlException("Failed to connect")));
    }

    private static Serializer Serializer(bool arena)
    {
        var services = new ServiceCollection().AddSerializer();
        if (arena)
        {
            services.AddArenaExceptionSerialization();
        }

        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }
}
