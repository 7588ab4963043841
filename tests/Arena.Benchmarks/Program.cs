using Arena.Benchmarks;

// Benchmarks print numbers; they assert nothing. Usage:
//   dotnet run -c Release --project tests/Arena.Benchmarks -- model-tier [requests]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- battle [battles] [concurrency]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- latency [runs] [--Arena:Setting=value ...]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- starts [users] [--Arena:Setting=value ...]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- stretch [battles] [--Arena:Setting=value ...]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- vote-requests [battles] [callers] [--Arena:Setting=value ...]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- stream-options [events] [burst]   (memory streams, broadcast channel, grain observer)
//   dotnet run -c Release --project tests/Arena.Benchmarks -- votes [votes] [callers]   (at the LeaderboardGrain, no HTTP)
//   dotnet run -c Release --project tests/Arena.Benchmarks -- bt [models] [repetitions]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- import [battles] [models] [--Arena:Import:ChunkRows=n ...]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- rigging-drill [honest-users] [attacker-sessions] [attacker-addresses] [battles-per-session]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- flood [starts] [users] [battles per user]
//   dotnet run -c Release --project tests/Arena.Benchmarks -- overload [users] [cap,cap,...]   (caps on starts in flight; 0 = none)
//   dotnet run -c Release --project tests/Arena.Benchmarks -- fault-drill [users]   (needs postgresql-15, nginx, openssl, curl)
//   dotnet run --project tests/Arena.Benchmarks -- route-eval [labelled.tsv] [--sweep]   (exits 1 below 95% route accuracy)
var which = args.FirstOrDefault() ?? "model-tier";
switch (which)
{
    case "model-tier":
        await ModelTierBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40);
        break;
    case "battle":
        await BattleBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
        break;
    case "latency":
        await LatencyBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
            args.Length > 2 ? args[2..] : []);
        break;
    case "starts":
        await CrowdBenchmark.RunStartsAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000,
            args.Length > 2 ? args[2..] : []);
        break;
    case "stretch":
        await CrowdBenchmark.RunStretchAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000,
            args.Length > 2 ? args[2..] : []);
        break;
    case "vote-requests":
        await VoteRequestBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200,
            args.Length > 3 ? args[3..] : []);
        break;
    case "stream-options":
        await StreamOptionsBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2_000);
        break;
    case "bt":
        BradleyTerryBenchmark.Run(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
        break;
    case "votes":
        await VoteBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
        break;
    case "import":
        await ImportBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100,
            args.Length > 3 ? args[3..] : []);
        break;
    case "rigging-drill":
        await RiggingDrill.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 4,
            args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 40);
        break;
    case "flood":
        await FloodBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
        break;
    case "overload":
        await OverloadBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000,
            args.Length > 2 ? args[2].Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [0, 32]);
        break;
    case "fault-drill":
        await FaultDrillBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
        break;
    case "route-eval":
        return RouteEvalCommand.Run(args[1..]);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'; use model-tier, battle, latency, starts, stretch, vote-requests, stream-options, votes, bt, import, rigging-drill, flood, overload, fault-drill or route-eval.");
        return 2;
}

return 0;
