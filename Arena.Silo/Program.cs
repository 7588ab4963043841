// Arena.Silo: the silo of one GPU node. It joins the Arena cluster through PostgreSQL and hosts the
// ModelGrain replicas (`model@node`) of the models whose vLLM runs on this machine.
//
// Configuration (appsettings.json beside the binary, then environment variables, then --key=value):
//   Arena__Profile=cluster                        required; this host only runs in the cluster profile
//   ConnectionStrings__arena=Host=…;Database=…   PostgreSQL (membership, grain state, reminders); secret, env only
//   Arena__Node__Name=gpu-1                       this node's name, unique in the cluster
//   Arena__Node__Models__0__Id=llama-3.1-8b       a model served here (an id from Arena:Models)
//   Arena__Node__Models__0__Endpoint=http://127.0.0.1:8000/v1   its local vLLM base URL
//   Arena__Node__Models__0__MaxConcurrency=64     optional
//   Arena__Silo__AdvertisedIp=10.0.0.12           the address other silos reach this one at (default 127.0.0.1)
//   Arena__Silo__SiloPort=11111, Arena__Silo__GatewayPort=30000, Arena__Silo__ClusterId=arena, Arena__Silo__ServiceId=arena
//   Arena__Tls__CertificatePath=/etc/arena/tls/node.pem, Arena__Tls__KeyPath=…-key.pem, Arena__Tls__CaPath=…/ca.pem
//                                                 mutual TLS with the other silos (required unless Arena__Tls__Enabled=false)
//   Orleans__Membership__ProbeTimeout=00:00:05, …__NumMissedProbesLimit=3   optional failure-detection tuning
//   Arena__Models__n__…                           the model catalog, the same as Arena.Web's
//   Urls=http://0.0.0.0:8081                      where GET /health (this silo's own health) and GET /metrics (Prometheus) listen
//   ARENA_OPERATOR_KEY=…                          the operator key /metrics needs (X-Operator-Key or bearer); secret, env only
using Arena.Silo.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddArenaGpuSilo();

var app = builder.Build();
app.MapSiloHealth();
await app.RunAsync();
