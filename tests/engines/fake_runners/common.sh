# Shared by the fake runners: answer `hello` like a real runner, then misbehave in $1.
reply_hello() {
  read -r line || exit 0
  printf '%s\n' '{"id":1,"ok":true,"protocol":1,"engine":"fake","engine_version":"0","runner_version":"0","knobs":[{"name":"threads","type":"int","default":0,"min":0,"max":8}],"capabilities":{"profile":false,"intermediate_outputs":false,"input_dtypes":["float32"],"stages":[]}}'
}
