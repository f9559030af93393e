#!/usr/bin/env bash
# Makes the three demo clips and their covers in server/data/media/ with Debian's ffmpeg and the WenQuanYi font:
# title cards with Chinese text, 360x640 (phone portrait), H.264 + AAC (a quiet tone, so players show sound),
# each well under 300 KB. The outputs are committed; run again only to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=server/data/media
FONT=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
mkdir -p "$OUT"

# make NAME BG_COLOUR "card 1 line 1|card 1 line 2" "card 2 …" "card 3 …" (5 seconds a card)
make() {
  local name=$1 colour=$2; shift 2
  local filters="" i=0
  for card in "$@"; do
    local start=$((i * 5)) end=$((i * 5 + 5)) line=0
    IFS='|' read -ra lines <<< "$card"
    for text in "${lines[@]}"; do
      local size=34; [ "$line" -eq 0 ] && size=42
      filters+="drawtext=fontfile=${FONT}:text='${text}':fontsize=${size}:fontcolor=white:x=(w-text_w)/2:y=200+${line}*70:enable='between(t,${start},${end})',"
      line=$((line + 1))
    done
    i=$((i + 1))
  done
  filters+="drawtext=fontfile=${FONT}:text='宁陕县反诈中心':fontsize=26:fontcolor=white@0.8:x=(w-text_w)/2:y=h-80"
  local seconds=$(( $# * 5 ))
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "color=c=${colour}:s=360x640:r=15:d=${seconds}" \
    -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=${seconds}" \
    -vf "$filters" -af "volume=0.05" \
    -c:v libx264 -profile:v baseline -pix_fmt yuv420p -preset veryslow -crf 30 -g 30 \
    -c:a aac -b:a 24k -ac 1 -movflags +faststart -shortest "$OUT/$name.mp4"
  ffmpeg -hide_banner -loglevel error -y -ss 1 -i "$OUT/$name.mp4" -frames:v 1 -q:v 5 "$OUT/$name.jpg"
  ls -l "$OUT/$name.mp4" "$OUT/$name.jpg"
}

make video-00-calls '#8e1b1b' \
  "00开头的来电|是境外打来的" \
  "自称公安、客服、熟人|都要先挂断" \
  "拿不准就打|96110"
make video-shuadan '#1b3a8e' \
  "刷单返利|先给甜头再骗大钱" \
  "凡是先垫钱的兼职|都是诈骗" \
  "已经转账|立即报警 110"
make video-gongjianfa '#1b6e3a' \
  "公检法不会|电话办案" \
  "没有“安全账户”|不要保密转账" \
  "到派出所当面核实|或拨打 96110"
